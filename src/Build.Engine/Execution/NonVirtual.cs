using System.Reflection;
using System.Reflection.Emit;

namespace Nuke.Common.Execution;

/// <summary>
/// Reads a Target property's own definition, bypassing overrides: reflection's Invoke always dispatches virtually,
/// which would return the overriding target instead of the base class's or the interface's default definition.
/// </summary>
internal static class NonVirtual
{
    public static Target GetTarget(MethodInfo getter, object instance)
    {
        if (!getter.DeclaringType!.IsInstanceOfType(instance))
            throw new ArgumentException($"{instance.GetType().Name} is not a {getter.DeclaringType.Name}.", nameof(instance));
        return Call(getter, instance)
            ?? throw new BuildException($"{getter.DeclaringType.Name}.{getter.Name[4..]} is null.", "Give the target a definition.");
    }

    private static unsafe Target? Call(MethodInfo getter, object instance)
    {
        // The method's own code, as `ldftn` gives it (not `ldvirtftn`): a plain call with the instance as `this`. It
        // costs nothing at start-up, where a DynamicMethod per target loads Reflection.Emit and JIT-compiles each one.
        // A generic type's default interface method takes a hidden instantiation argument, so those keep the IL path.
        return getter.DeclaringType!.IsGenericType
            ? CallThroughIl(getter, instance)
            : ((delegate* managed<object, Target?>)getter.MethodHandle.GetFunctionPointer())(instance);
    }

    // Apart, and never inlined: compiling a method that mentions Reflection.Emit loads that assembly, path taken or not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Target? CallThroughIl(MethodInfo getter, object instance)
    {
        var method = new DynamicMethod($"{getter.DeclaringType!.Name}_{getter.Name}_NonVirtual", typeof(Target), [typeof(object)],
            typeof(NonVirtual).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, getter.DeclaringType);
        il.Emit(OpCodes.Call, getter);
        il.Emit(OpCodes.Ret);
        return ((Func<object, Target>)method.CreateDelegate(typeof(Func<object, Target>)))(instance);
    }
}
